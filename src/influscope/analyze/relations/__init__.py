"""The relationship log read for decisions (issue 15): who is worth a relationship."""
