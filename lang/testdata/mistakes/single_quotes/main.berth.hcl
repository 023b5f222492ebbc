service 'a' {}
