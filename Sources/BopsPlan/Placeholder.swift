import BopsJobs
