"""What each page shows, gathered from the services at once, a module per area; a
service that does not answer leaves its part empty and is named, the rest of the page
still shows."""
