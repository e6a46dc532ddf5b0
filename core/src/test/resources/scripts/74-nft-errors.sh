#!/bin/bash
# nft's refusals point at the word they are about.
nft list table inet nope; echo "rc=$?"
nft add table inet t
nft add chain inet t c '{ type filter hook input priority 0; }'
nft add rule inet t nope accept; echo "rc=$?"
nft add rule inet nope c accept; echo "rc=$?"
nft list chain inet t nope; echo "rc=$?"
nft delete chain inet t nope; echo "rc=$?"
nft add rule inet t c tcp dport 22 accept
nft delete chain inet t c; echo "rc=$?"
nft flush chain inet t c
nft delete chain inet t c; echo "rc=$?"
nft create table inet t; echo "rc=$?"
nft add table inet t; echo "rc=$?"
nft delete table inet t; echo "rc=$?"
nft delete table inet t; echo "rc=$?"
nft flush ruleset; echo "rc=$?"
nft list ruleset; echo "rc=$?"
