"""What the screens use that holds no widgets: highlight caches, corpus loading, notes.

Nothing here imports textual (an import contract says so): the screens run
these in workers and hand the results to their widgets.
"""
