# NetBox reads its configuration from here.
