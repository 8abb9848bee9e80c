# placeholder, replaced by the browser check
