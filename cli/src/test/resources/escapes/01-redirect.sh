# Escape 1 of issue 23: a redirect writes any file (the subset check did not look at its target).
# Run from a directory of canaries: it tries to overwrite one and to create another.
echo escaped > canary
echo escaped > escaped-01
