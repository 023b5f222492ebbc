SECRET_KEY = 'not-a-secret'
