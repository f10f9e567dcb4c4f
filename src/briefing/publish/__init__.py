"""Files beside the pages: citations, downloads, the data package, anchors, contribution pages, robots.txt and 404."""
