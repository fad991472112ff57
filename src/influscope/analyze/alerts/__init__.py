"""Alert detectors and their evaluation: numbers, evidence and explanation for each finding."""
