"""wenming: a static site of 文明单位创建 records, built with MkDocs."""

__version__ = "0.1.0"
