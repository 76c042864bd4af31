print("patrolsim: not built yet")
