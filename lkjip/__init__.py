"""lkjip: clean the source tables of an LKjIP and build its BAB III analysis."""

__version__ = "0.1.0"
