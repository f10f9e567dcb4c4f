"""The book's data-driven sections as docutils nodes, built once for the book's directives and for notebooks."""
