"""`briefing new` and `briefing chapters`: the report parser and the event-neutral template a new event's book is made from."""
