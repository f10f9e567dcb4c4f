"""The data: where the book and its data are, the schema, loading and checking, editions, changes and translations."""
