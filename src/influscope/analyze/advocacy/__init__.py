"""Employee advocacy (issue 15): participation, reach, share-of-voice contribution, originality, leaders."""
