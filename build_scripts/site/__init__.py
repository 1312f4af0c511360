"""The site: writes what the writers made, runs MkDocs, makes the bundle, deploys."""
