"""Other stakeholders' comments on Parties' replies: invitations per round, drafts and submissions,
the secretariat's screening, forwarding to the Party concerned and the Party's response."""
