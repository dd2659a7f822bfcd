"""The project's tests. A regular package, so that it wins over the
``tests`` package the textstat wheel installs into site-packages."""
