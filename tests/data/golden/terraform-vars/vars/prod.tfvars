classic_flow = true
