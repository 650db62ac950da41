#!/bin/sh
# make demo: placeholder
echo "demo: not yet"
