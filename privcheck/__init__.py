"""privcheck: check privacy policies against PIPL and GDPR disclosure checklists."""

__version__ = "0.1.0"
