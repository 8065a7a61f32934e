// Package reportdir owns kumite's report folders: before a report is
// written into a folder (kumite run --out, kumite report merge --out) it
// makes sure the folder is kumite's, removes what kumite wrote there the
// last time and nothing else, and afterwards records what it wrote.
//
// A report folder is marked by a manifest, ManifestName, that lists the
// files and folders kumite wrote. Claim refuses a folder that holds
// anything else (unless it is an older kumite report), the filesystem
// root, the working directory or a folder above it, and any folder that
// is or holds a protected path (the feature files, the --serve folder):
// kumite never deletes what it did not write.
//
// It is a leaf: it imports nothing of kumite and knows of a report only
// the names an older kumite wrote (see legacyNames).
package reportdir
