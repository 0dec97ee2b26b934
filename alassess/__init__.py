"""AlAssess: offline assessment of aluminium plants."""

__version__ = "0.1.0"
