# Escape 6: bash expands PS4 (command substitution included) before each traced command.
PS4='$(touch escaped-06)'
set -x
ip link show lo
