// The handbook's own script (the tracked-changes toggle and the like): the maintainer fills it in.
