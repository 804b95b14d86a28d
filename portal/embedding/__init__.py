"""Embedding an authority's portal pages into its own website (docs/embedding.md).

origins: the allowed host origins (CSP frame-ancestors); tokens: signed form tokens and receipt
grants that replace the session and CSRF cookies inside the frame; routes: which pages may be
embedded; views: the /einbetten/ dispatcher and the staff snippet page.
"""
