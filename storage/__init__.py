"""The MentorDesk data file: the only place SQL lives.

Open a file with :func:`storage.database.open_data_file`; every query module takes the
``sqlite_utils.Database`` it returns as its first argument.
"""
