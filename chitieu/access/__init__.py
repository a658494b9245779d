"""Who may do what: roles, memberships and every permission answer, below every feature app."""
