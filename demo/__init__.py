"""A made-up demo school, for trying MentorDesk and for tests. Fake names only."""
