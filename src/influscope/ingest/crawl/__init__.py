"""The web crawler of the journey: safe fetching, robots.txt, extraction, a resumable frontier."""
