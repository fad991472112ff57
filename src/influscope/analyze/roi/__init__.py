"""Return on influence (issue 15): voice, encounters, acceptability, defenders, campaign effects."""
