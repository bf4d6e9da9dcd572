"""The MentorDesk window: Qt widgets only, thin, reading through storage and program functions."""
