"""What a page or a text may hold, each problem one line naming file, place and fix."""
