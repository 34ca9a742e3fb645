"""claimwatch: follow developing news stories claim by claim."""

__version__ = "0.1.0"
__all__ = ["__version__"]
