print("patrolhub: not built yet")
