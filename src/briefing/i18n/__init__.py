"""The language of a build and the package's own sentences; the markup check of the chapters' prose catalogues."""
