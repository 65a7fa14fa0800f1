//go:build race

package main

// longLine is the length of the one-line page of the bad-input test: the
// race detector makes the 50 MB of a normal run take minutes.
const longLine = 8 << 20
