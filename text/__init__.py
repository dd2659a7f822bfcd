"""Plain-text helpers shared by the NLU components and the safety layers."""
