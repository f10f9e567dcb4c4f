"""Tools for editors: `briefing new` and `briefing chapters`, theme suggestions and their evaluation."""
