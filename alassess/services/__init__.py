"""The service layer: what the CLI and the GUI both call. No Qt here.

Keep imports light: ``alassess score`` must start fast, so pandas, reportlab and pyHanko are
imported inside the functions that need them, never at module level.
"""
