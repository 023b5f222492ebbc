port = ${port}
