"""The data an editor writes, the languages, the site's pages, the build's settings and caches."""
