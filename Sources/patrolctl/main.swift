print("patrolctl: not built yet")
