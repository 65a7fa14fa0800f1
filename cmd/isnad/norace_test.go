//go:build !race

package main

// longLine is the length of the one-line page of the bad-input test.
const longLine = 50 << 20
