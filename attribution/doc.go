// Package attribution turns the quotes of an article into quote records
// (DESIGN.md §6): stable ids, the article's outlet, address and publication
// day, and, as attribution lands, the speaker, cue, role, credited agency
// and the day the words were said. Fields not known are left nil: never
// guessed.
package attribution
