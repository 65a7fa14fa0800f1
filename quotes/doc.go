// Package quotes finds the quotations of Arabic news text and says what
// each is.
//
// Extract pairs quotation marks of every style Arabic writers use ("…",
// “…” and the right-to-left typed ”…“, «…» and »…«, „…“, ‘…’), nested
// quotes, quotes left open to the end of their paragraph, quotes continued
// into the next paragraph and closing marks whose opening mark is missing,
// and gives each span a Kind: direct speech, a partial quote woven into
// indirect speech, or other (a name, title, term or scare quote). Offsets
// always point at the original bytes.
//
// Display and Key are the two normal forms of ARABIC.md §1.8: the one
// people read and the aggressive one that matching and comparison use.
//
// The package does no I/O and knows nothing of speakers.
package quotes
