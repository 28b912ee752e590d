"""Media for the demo content: comic panels, lesson posters and short videos, drawn in code."""
