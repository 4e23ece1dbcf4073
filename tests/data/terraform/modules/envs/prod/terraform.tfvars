guests = true
