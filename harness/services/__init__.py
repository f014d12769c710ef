"""What drill runs beside a judged file, on the trusted side: the Redis servers of the problems
that need them (harness/services/redis/). Nothing here runs the candidate's code."""
