"""SCV: a single customer view built in the warehouse."""

__version__ = "0.1.0"
