app          = "notes"
allow_guests = true
